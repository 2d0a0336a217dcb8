/**
 * The natsboot demo: orders posted over HTTP go through the embedded NATS node (cluster) to a queue group of
 * billing listeners, and a request/reply price service.
 */
package io.natsboot.demo;
