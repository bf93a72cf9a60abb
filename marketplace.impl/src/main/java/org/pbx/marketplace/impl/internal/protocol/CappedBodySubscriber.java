package org.pbx.marketplace.impl.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Collects a response body up to a limit and fails as soon as it grows past it, so an endless
 * or oversized answer never fills the PBX's memory.
 */
final class CappedBodySubscriber implements BodySubscriber<byte[]> {

    /** The body went past the limit. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    private final int limit;
    private final LongConsumer progress;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private boolean abandoned;

    CappedBodySubscriber(int limit) {
        this(limit, done -> { });
    }

    /** @param progress told the byte count after every chunk */
    CappedBodySubscriber(int limit, LongConsumer progress) {
        this.limit = limit;
        this.progress = progress;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        synchronized (this) {
            this.subscription = subscription;
            if (abandoned) {
                subscription.cancel();
                return;
            }
        }
        subscription.request(Long.MAX_VALUE);
    }

    /**
     * Gives the body up (the deadline passed): cancelling the subscription makes the HTTP client
     * close the connection instead of reading a slow answer to its end. Cancelling the response's
     * future alone does not always do that.
     */
    void abandon() {
        Flow.Subscription current;
        synchronized (this) {
            abandoned = true;
            current = subscription;
        }
        if (current != null) {
            current.cancel();
        }
        result.completeExceptionally(new IOException("the answer was given up"));
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            if (body.size() + item.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLargeException(limit));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            body.write(chunk, 0, chunk.length);
        }
        progress.accept(body.size());
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(body.toByteArray());
    }
}
