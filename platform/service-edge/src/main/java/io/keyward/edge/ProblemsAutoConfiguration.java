package io.keyward.edge;

import io.keyward.edge.problem.ProblemErrorController;
import io.keyward.edge.problem.ProblemErrorReportValve;
import io.keyward.edge.problem.RequestTextFilter;
import io.keyward.edge.problem.StorableTextModule;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.template.TemplateAvailabilityProviders;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every service answers a caller's mistake with an RFC 9457 problem and a 4xx, wherever
 * the mistake is caught: unreadable headers and unstorable parameters
 * ({@link RequestTextFilter}), unstorable JSON strings ({@link StorableTextModule}), what
 * reaches the error page ({@link ProblemErrorController}, in place of Spring Boot's,
 * hence before {@link ErrorMvcAutoConfiguration}), what Tomcat refuses before any servlet
 * ({@link ProblemErrorReportValve}).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
public class ProblemsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
	static class JsonText {

		@Bean
		JsonMapperBuilderCustomizer storableTextCustomizer() {
			return (builder) -> builder.addModule(new StorableTextModule());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletProblems {

		/**
		 * After the character encoding and form content filters, so parameters are
		 * decoded as handlers see them; before the security chain, whose filters read
		 * parameters too (the sign-in form, the CSRF token).
		 */
		@Bean
		FilterRegistrationBean<RequestTextFilter> requestTextFilter() {
			FilterRegistrationBean<RequestTextFilter> registration = new FilterRegistrationBean<>(
					new RequestTextFilter());
			registration.setOrder(OrderedFormContentFilter.DEFAULT_ORDER + 1);
			return registration;
		}

		@Bean
		ProblemErrorController problemErrorController(ErrorAttributes errorAttributes,
				ObjectProvider<ErrorViewResolver> errorViewResolvers, ApplicationContext context) {
			boolean htmlPage = new TemplateAvailabilityProviders(context).getProvider("error", context) != null;
			return new ProblemErrorController(errorAttributes, errorViewResolvers.orderedStream().toList(), htmlPage);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ ErrorReportValve.class, TomcatServletWebServerFactory.class })
	static class TomcatProblems {

		/**
		 * Tomcat's own refusals, before any servlet (bad %-encoding in the path), as
		 * problems: Spring Boot puts a plain {@link ErrorReportValve} on the host (its
		 * customizer runs first, at order 0); this one replaces it.
		 */
		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
			return (factory) -> factory.addContextCustomizers((context) -> {
				Pipeline host = context.getParent().getPipeline();
				for (Valve valve : host.getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.removeValve(valve);
					}
				}
				host.addValve(new ProblemErrorReportValve());
				((StandardHost) context.getParent()).setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			});
		}

	}

}
