package cli;

import sync.Explanation;

/**
 * --why QUERY: one title explained ({@link Explanation}): its ids on each side, where it is now,
 * what the last sync agreed on, what past runs did to it, its unresolved-ledger entry, and the next
 * sync's decision with the rule that makes it. With --offline only the files are read. Writes
 * nothing anywhere.
 */
record WhyCommand(String query, boolean offline) implements Command {
    @Override
    public int run(Session s) throws Exception {
        Explanation e = TitleLookup.find(s, query, offline);
        s.answer(e.document(query, offline), e.text(s.times(), offline, s.rerun(Verb.SYNC)));
        return ExitCode.OK;
    }
}
