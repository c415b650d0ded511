package cli;

import sync.Executor;

/** Lets tests stop a sync between actions, as a kill would. */
public final class SyncCommandHook {
    private SyncCommandHook() {}

    public static void set(Executor.Hook hook) {
        SyncCommand.testHook = hook;
    }
}
