package io.keyward.edge.problem;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page of every service, in place of Spring Boot's: what the container forwards
 * to {@code /error} (Spring Security's firewall refusing {@code //} or {@code ;} in a
 * path, a method Tomcat or Spring MVC refuses, no handler for the path, an exception
 * thrown out of a filter) is answered as an RFC 9457 problem with the status the request
 * was refused with, a sentence per status and none of the exception's text. The document
 * is written without content negotiation, so no {@code Accept} header empties it.
 * <p>
 * {@code /error} asked for directly holds no error: 404, where Spring Boot answered 500
 * with {@code "status":999}.
 * <p>
 * A service with an {@code error} page template (the admin-ui's dashboard) keeps it for a
 * browser asking for HTML outside {@code /api/} and {@code /internal/}; those paths
 * always get the problem.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
@Controller
@Hidden
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController extends AbstractErrorController {

	private static final List<String> API_PATHS = List.of("/api/", "/internal/");

	private final boolean htmlPage;

	/**
	 * @param errorAttributes what the HTML page shows
	 * @param errorViewResolvers the HTML pages by status ({@code error/404.html})
	 * @param htmlPage whether the service has an {@code error} page template for browsers
	 */
	public ProblemErrorController(ErrorAttributes errorAttributes, List<ErrorViewResolver> errorViewResolvers,
			boolean htmlPage) {
		super(errorAttributes, errorViewResolvers);
		this.htmlPage = htmlPage;
	}

	@RequestMapping
	public @Nullable ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (request.getDispatcherType() != DispatcherType.ERROR
				|| request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
			ProblemDocument.write(response, HttpServletResponse.SC_NOT_FOUND, detail(404), request.getRequestURI());
			return null;
		}
		HttpStatus status = getStatus(request);
		String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (this.htmlPage && path != null && API_PATHS.stream().noneMatch(path::startsWith) && acceptsHtml(request)) {
			Map<String, Object> model = getErrorAttributes(request, ErrorAttributeOptions.defaults());
			response.setStatus(status.value());
			ModelAndView page = resolveErrorView(request, response, status, model);
			return (page != null) ? page : new ModelAndView("error", model);
		}
		ProblemDocument.write(response, status.value(), detail(status.value()), path);
		return null;
	}

	static String detail(int status) {
		return switch (status) {
			case 400 -> "The request is malformed and was refused before any handler read it.";
			case 404 -> "There is no resource at this path.";
			case 405 -> "This resource does not accept this HTTP method.";
			case 500 -> "An internal error occurred; it has been logged.";
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield "The request was refused" + ((known != null) ? ": " + known.getReasonPhrase() : "") + ".";
			}
		};
	}

	private static boolean acceptsHtml(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null) {
			return false;
		}
		try {
			return MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch((type) -> !type.isWildcardType() && type.includes(MediaType.TEXT_HTML));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
