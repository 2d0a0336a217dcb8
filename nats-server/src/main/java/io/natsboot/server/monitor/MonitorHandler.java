package io.natsboot.server.monitor;

import io.natsboot.server.protocol.ServerVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Serves one monitoring request: routes the path, reads the query as nats-server does, asks {@link Monitor} for the
 * document and writes it as indented JSON (JSONP with {@code ?callback=}). Stateless and sharable; on the monitor's
 * event loop.
 */
@ChannelHandler.Sharable
final class MonitorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final System.Logger LOG = System.getLogger(MonitorHandler.class.getName());

    static final String ROOT = "/";
    static final String VARZ = "/varz";
    static final String CONNZ = "/connz";
    static final String ROUTEZ = "/routez";
    static final String SUBSZ = "/subsz";
    static final String SUBSCRIPTIONSZ = "/subscriptionsz";
    static final String HEALTHZ = "/healthz";

    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private record Reply(HttpResponseStatus status, String contentType, String body) {
    }

    private final Monitor monitor;

    MonitorHandler(Monitor monitor) {
        this.monitor = monitor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            write(ctx, request, new Reply(HttpResponseStatus.BAD_REQUEST, TEXT, "400 Bad Request"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Reply reply;
        if (!isKnown(uri.path())) {
            reply = new Reply(HttpResponseStatus.NOT_FOUND, TEXT, "404 page not found\n");
        } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            reply = new Reply(HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT, "405 method not allowed\n");
        } else {
            QueryParams query = new QueryParams(uri);
            try {
                reply = jsonp(query, route(uri.path(), query));
            } catch (QueryParams.BadQueryException | IllegalArgumentException e) {
                reply = new Reply(HttpResponseStatus.BAD_REQUEST, TEXT, e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Error serving monitoring request " + uri.path(), e);
                reply = new Reply(HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT, "500 internal server error\n");
            }
        }
        write(ctx, request, reply, HttpUtil.isKeepAlive(request));
    }

    private static boolean isKnown(String path) {
        return switch (path) {
            case ROOT, VARZ, CONNZ, ROUTEZ, SUBSZ, SUBSCRIPTIONSZ, HEALTHZ -> true;
            default -> false;
        };
    }

    // Each endpoint counts itself where nats-server does: some before reading the query, some after.
    private Reply route(String path, QueryParams query) {
        switch (path) {
            case VARZ -> {
                monitor.countRequest(VARZ);
                return json(monitor.varz().toJson());
            }
            case CONNZ -> {
                String sortKey = query.get("sort");
                Connz.Options options = connzOptions(query);
                monitor.countRequest(CONNZ);
                ConnzSort sort = sortKey.isEmpty() ? ConnzSort.CID : ConnzSort.of(sortKey);
                if (sort == null) {
                    throw new IllegalArgumentException("invalid sorting option: " + sortKey);
                }
                return json(monitor.connz(options.withSort(sort)).toJson());
            }
            case ROUTEZ -> {
                boolean[] subs = query.subs();
                monitor.countRequest(ROUTEZ);
                return json(monitor.routez(subs[0], subs[1]).toJson());
            }
            case SUBSZ, SUBSCRIPTIONSZ -> {
                monitor.countRequest(SUBSZ);
                Subsz.Options options = new Subsz.Options(query.bool("subs"), query.integer("offset"),
                        query.integer("limit"), query.get("test"));
                Subsz subsz = monitor.subsz(options);
                return json(subsz.subscriptions().isEmpty() ? subsz.statsJson() : subsz.toJson());
            }
            case HEALTHZ -> {
                monitor.countRequest(HEALTHZ);
                // JetStream options: natsboot has no JetStream, but a malformed value is still refused
                query.bool("js-enabled");
                query.bool("js-enabled-only");
                query.bool("js-server-only");
                HealthStatus health = monitor.healthz();
                if (!health.healthy()) {
                    LOG.log(Level.WARNING, "Healthcheck failed: \"" + health.error() + "\"");
                }
                return new Reply(health.healthy() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        JSON, health.toJson());
            }
            default -> {
                monitor.countRequest(ROOT);
                return new Reply(HttpResponseStatus.OK, "text/html; charset=utf-8", indexPage());
            }
        }
    }

    /** Everything but the sort, which nats-server checks only after counting the request. */
    private static Connz.Options connzOptions(QueryParams query) {
        query.bool("auth"); // natsboot has no users to show; still refuse a malformed value
        boolean[] subs = query.subs();
        int offset = query.integer("offset");
        int limit = query.integer("limit");
        long cid = query.unsigned("cid");
        Connz.State state = query.state();
        return new Connz.Options(ConnzSort.CID, subs[0], subs[1], offset, limit, cid, state);
    }

    private static Reply json(String compact) {
        return new Reply(HttpResponseStatus.OK, JSON, PrettyJson.indent(compact));
    }

    private static Reply jsonp(QueryParams query, Reply reply) {
        String callback = query.get("callback");
        if (callback.isEmpty() || !reply.contentType().equals(JSON)) {
            return reply;
        }
        return new Reply(reply.status(), "application/javascript", callback + "(" + reply.body() + ")");
    }

    private static String indexPage() {
        StringBuilder sb = new StringBuilder(512)
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>natsboot monitoring</title></head>\n")
                .append("<body>\n<h1>natsboot</h1>\n<p>nats-server ").append(ServerVersion.NATS_VERSION)
                .append(" compatible (natsboot ").append(ServerVersion.natsbootVersion()).append(")</p>\n<ul>\n");
        String[][] links = {
            {VARZ, "General"}, {CONNZ, "Connections"}, {SUBSZ, "Subscriptions"}, {ROUTEZ, "Routes"},
            {HEALTHZ, "Health Probe"}};
        for (String[] link : links) {
            sb.append("<li><a href=\".").append(link[0]).append("\">").append(link[1]).append("</a></li>\n");
        }
        return sb.append("</ul>\n</body>\n</html>\n").toString();
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest request, Reply reply, boolean keepAlive) {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        boolean head = request.method().equals(HttpMethod.HEAD);
        ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(), content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .set(HttpHeaderNames.DATE, HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        if (reply.status().equals(HttpResponseStatus.NOT_FOUND)) {
            response.headers().set("X-Content-Type-Options", "nosniff");
        } else if (reply.status().equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        if (keepAlive) {
            if (!request.protocolVersion().isKeepAliveDefault()) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, () -> "Monitoring connection error: " + cause);
        ctx.close();
    }
}
