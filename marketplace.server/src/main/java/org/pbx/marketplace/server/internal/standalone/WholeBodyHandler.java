package org.pbx.marketplace.server.internal.standalone;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.http.Json;

/**
 * Reads a request's whole body without holding a thread, and only then hands the request to the
 * servlet. The servlet reads blocking; without this, each client sending a body a byte a second
 * would keep a worker busy, and a few hundred of them would leave none for anyone else. A body
 * over the limit is refused (413) as soon as it is seen to be one, and a body still incomplete at
 * the deadline is answered 408 and its connection closed, however often the client sends a byte.
 */
final class WholeBodyHandler extends Handler.Wrapper {
    private final ToIntFunction<String> maxBody;
    private final long deadlineMillis;

    /** @param maxBody the largest body for a request path (the servlet's RequestHandler.bodyLimit) */
    WholeBodyHandler(Handler next, ToIntFunction<String> maxBody, Duration deadline) {
        super(next);
        this.maxBody = maxBody;
        this.deadlineMillis = deadline.toMillis();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int limit = maxBody.applyAsInt(request.getHttpURI().getPath());
        long length = request.getLength();
        if (length > limit) {
            tooLarge(response, callback);
            return true;
        }
        if (length == 0 || (length < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING))) {
            return super.handle(request, response, callback);
        }
        new Body(request, response, callback, limit).start();
        return true;
    }

    private static void tooLarge(Response response, Callback callback) {
        HttpResponse error = Json.error(ErrorCode.E_BODY_TOO_LARGE, null);
        response.setStatus(error.status());
        error.headers().forEach((name, values) -> values.forEach(v -> response.getHeaders().add(name, v)));
        // The rest of the body is never read: the connection cannot be reused.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(error.body()), callback);
    }

    /** One body being read: the reader and the deadline race, and whoever finishes first answers. */
    private final class Body implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final int limit;
        private volatile Scheduler.Task deadline;

        Body(Request request, Response response, Callback callback, int limit) {
            this.limit = limit;
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void start() {
            deadline = request.getComponents().getScheduler().schedule(this::expire, deadlineMillis, TimeUnit.MILLISECONDS);
            run();
        }

        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    if (finish()) {
                        callback.failed(chunk.getFailure());
                    }
                    return;
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                if (bytes.size() + buffer.remaining() > limit) {
                    chunk.release();
                    if (finish()) {
                        tooLarge(response, callback);
                    }
                    return;
                }
                byte[] copy = new byte[buffer.remaining()];
                buffer.get(copy);
                bytes.writeBytes(copy);
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    if (finish()) {
                        dispatch();
                    }
                    return;
                }
            }
        }

        private boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            Scheduler.Task task = deadline;
            if (task != null) {
                task.cancel();
            }
            return true;
        }

        private void expire() {
            if (finished.compareAndSet(false, true)) {
                response.setStatus(408);
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                response.write(true, null, callback);
            }
        }

        private void dispatch() {
            Request buffered = new BufferedRequest(request, bytes.toByteArray());
            try {
                if (!getHandler().handle(buffered, response, callback)) {
                    Response.writeError(buffered, response, callback, 404);
                }
            } catch (Throwable failure) {
                callback.failed(failure);
            }
        }
    }

    /** The request as the servlet sees it: the same, with the body already here. */
    private static final class BufferedRequest extends Request.Wrapper {
        private Content.Chunk body;

        BufferedRequest(Request request, byte[] bytes) {
            super(request);
            this.body = Content.Chunk.from(ByteBuffer.wrap(bytes), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = body;
            body = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            // read() never returns null, so there is always something to read.
            demandCallback.run();
        }

        @Override
        public synchronized boolean consumeAvailable() {
            body = Content.Chunk.EOF;
            return true;
        }
    }
}
