package cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Another command of the tool run in-process, as the person would type it, with what it prints
 * kept: how a support bundle gathers --doctor, the lists and the next plan, each exactly as that
 * command reads and redacts them.
 */
record CapturedRun(int code, String out, String err) {
    static CapturedRun of(Context ctx, Map<String, String> env, String... args) {
        return run(ctx, env, false, args);
    }

    /** As {@link #of}, its stderr (the heading, warnings) shown to the person as it comes rather than kept. */
    static CapturedRun showingErr(Context ctx, Map<String, String> env, String... args) {
        return run(ctx, env, true, args);
    }

    private static CapturedRun run(Context ctx, Map<String, String> env, boolean showErr, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context inner = new Context(env, ctx.cwd(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                showErr ? ctx.err() : new PrintStream(err, true, StandardCharsets.UTF_8),
                ctx.clock(), ctx.sleeper(), showErr && ctx.errIsTerminal(), null);
        int code = Cli.run(args, inner);
        return new CapturedRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
