/**
 * spring-messaging infrastructure for {@code @NatsListener} methods: the {@link NatsMessageHandlerMethodFactory}
 * with argument resolvers for the jnats message, its headers and its subject, and the Spring message a jnats
 * message is presented as ({@link NatsMessageHeaders}).
 */
package io.natsboot.spring.messaging;
