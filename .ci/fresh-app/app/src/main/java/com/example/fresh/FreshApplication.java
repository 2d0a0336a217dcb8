package com.example.fresh;

import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.natsboot.spring.annotation.NatsListener;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

@SpringBootApplication
public class FreshApplication {

    public static void main(String[] args) {
        SpringApplication.run(FreshApplication.class, args);
    }

    @Component
    public static class Greetings {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @NatsListener(subject = "greetings")
        void greet(String name) {
            this.received.add(name);
        }

        @NatsListener(subject = "shout")
        String shout(String text) {
            return text.toUpperCase(Locale.ROOT);
        }

    }

}
