package org.pbx.marketplace.server.internal.standalone;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request line and headers take longer than the deadline: from the
 * connection's opening for its first request, from the first byte of the head for later ones.
 * Jetty's idle timeout alone lets a client that sends one header byte every few seconds hold a
 * connection forever.
 */
final class HeaderDeadline implements Connection.Listener {
    private final Scheduler scheduler;
    private final long deadlineNanos;
    private final long tickMillis;

    HeaderDeadline(Scheduler scheduler, Duration deadline) {
        this.scheduler = scheduler;
        this.deadlineNanos = deadline.toNanos();
        this.tickMillis = Math.max(50, deadline.toMillis() / 4);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            new Watch(http).schedule();
        }
    }

    /** Looks at one connection every quarter deadline until it closes. */
    private final class Watch implements Runnable {
        private final HttpConnection connection;
        private long headSince = System.nanoTime();
        private long requestsSeen;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void schedule() {
            scheduler.schedule(this, tickMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            long now = System.nanoTime();
            long requests = connection.getMessagesIn();
            var parser = connection.getParser();
            // Before the first request the whole wait counts; between later ones the idle timeout rules.
            boolean inHead = requests == 0 || (parser.inHeaderState() && !parser.isStart());
            if (!inHead || requests != requestsSeen) {
                headSince = inHead ? now : 0;
                requestsSeen = requests;
            } else if (headSince == 0) {
                headSince = now;
            } else if (now - headSince > deadlineNanos) {
                connection.getEndPoint().close();
                return;
            }
            schedule();
        }
    }
}
