package io.natsboot.server.route;

import io.natsboot.server.options.RouteUrl;
import io.natsboot.server.protocol.route.RouteProtocolDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/**
 * Builds a route's pipeline on any channel (an embedded one in the fuzz tests), as {@link RouteManager} does on a
 * socket, but with the decoder limits and an extra handler of the caller's choice.
 */
public final class RoutePipelines {

    private RoutePipelines() {
    }

    /**
     * Adds a route's decoder, {@code between} and its handler to {@code channel}'s pipeline.
     *
     * @param solicitedUrl the URL "dialled" (the route then sends CONNECT first), or {@code null} for an accepted one
     */
    public static void attach(Channel channel, RouteManager manager, long id, String solicitedUrl,
                              int maxControlLine, int maxPayload, ChannelHandler between) {
        RouteConnection route = new RouteConnection(id, channel, manager,
                solicitedUrl == null ? null : RouteUrl.parse(solicitedUrl));
        channel.pipeline().addLast(new RouteProtocolDecoder(route, maxControlLine, maxPayload), between,
                new RouteHandler(route));
    }
}
