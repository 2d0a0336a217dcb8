/**
 * TLS for client and route connections: {@link io.natsboot.server.options.TlsOptions} turned into Netty {@code SslContext}s,
 * and the client's upgrade to TLS after the plain-text INFO, as nats-server 2.9 does it.
 */
package io.natsboot.server.tls;
