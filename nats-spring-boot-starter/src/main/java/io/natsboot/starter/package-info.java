/**
 * The starter: a dependency-only module that brings in natsboot's auto-configuration, nats-spring and Actuator.
 */
package io.natsboot.starter;
