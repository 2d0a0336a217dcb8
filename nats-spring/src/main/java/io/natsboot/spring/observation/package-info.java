/**
 * Micrometer Observation of publishing and of listener invocations, with trace context in the NATS headers.
 */
package io.natsboot.spring.observation;
