package io.natsboot.bench.load;

/**
 * Told when a run's measured window opens (just before the first measured message or request, after the connections
 * and subscriptions are set up) and closes (once the last reply or delivery is in, before the connections close), so
 * that what is sampled around it (server CPU, GC pauses) covers the measured traffic only.
 */
interface RunWindow {

    RunWindow NONE = new RunWindow() {
        @Override
        public void opened() {
        }

        @Override
        public void closed() {
        }
    };

    void opened();

    void closed();
}
