/**
 * Placeholder until the Spring Boot starter issue fills this module in.
 */
package io.natsboot.starter;
