package io.natsboot.demo;

/** An order as posted to {@code POST /orders} and published on {@code orders.new}. */
public record Order(String id, String item, int quantity) {
}
