package io.keyward.admin.web;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the servlet container forwards a failed request; asked for
 * directly it has no error to show, and Spring Boot's error controller answers 500 with
 * {@code "status":999}. A direct request for it is answered as any unknown page: 404.
 * Forwards (dispatcher type ERROR) are untouched.
 */
@Configuration(proxyBeanMethods = false)
class DirectErrorRequests {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> directErrorRequestFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws IOException {
						response.sendError(HttpServletResponse.SC_NOT_FOUND);
					}

				});
		registration.addUrlPatterns("/error", "/error/*");
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
