package config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The text of a file a person edits, read as UTF-8 and nothing else. A byte that is not UTF-8 is
 * refused with its line and column: replaced by a guess, it would end up inside a token sent to a
 * service, where it fails as if the network were down.
 */
final class Utf8Text {
    private Utf8Text() {
    }

    /** The text of {@code bytes} without a leading byte order mark (Windows editors write one). */
    static String decode(byte[] bytes, Path file) throws ConfigException {
        int first = bytes.length < 2 ? 0 : bytes[0] & 0xFF;
        int second = bytes.length < 2 ? 0 : bytes[1] & 0xFF;
        if ((first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF)) { // UTF-16's byte order marks
            throw new ConfigException(file + " is UTF-16 text, not UTF-8: save it as UTF-8 (in Notepad: Save as, "
                    + "Encoding UTF-8). It was not changed.");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // never more characters than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        out.flip();
        String text = out.toString();
        if (result.isError()) {
            // the decoder stops at the first byte it cannot read: what it decoded so far places it
            int lineStart = text.lastIndexOf('\n') + 1;
            long line = text.chars().filter(c -> c == '\n').count() + 1;
            throw new ConfigException(file + " is not UTF-8 text (a byte at line " + line + ", column "
                    + (text.length() - lineStart + 1) + " cannot be read): save it as UTF-8. It was not changed.");
        }
        if (text.indexOf('\0') >= 0) {
            throw new ConfigException(file + " is not UTF-8 text (it holds zero bytes, as UTF-16 text does): save it "
                    + "as UTF-8. It was not changed.");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
