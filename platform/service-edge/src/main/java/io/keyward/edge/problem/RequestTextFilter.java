package io.keyward.edge.problem;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that no handler could serve with an RFC 9457 problem, instead of an
 * internal error further in:
 * <ul>
 * <li>on the REST APIs ({@code /api/**}, {@code /internal/**}), a {@code Content-Type}
 * that cannot be parsed or names no type ({@code application/*}, <code>*&#47;*</code>):
 * 415. A body has one concrete type (RFC 9110 section 8.3); Spring MVC throws an
 * {@link IllegalArgumentException} reading a body of a wildcard type;</li>
 * <li>on the REST APIs, an {@code Accept} header that cannot be parsed: 400. Spring MVC
 * would answer with the handler's status and an empty body, having no type to write a
 * problem in;</li>
 * <li>a query or form parameter whose name or value is not {@link StorableText storable}:
 * 400 naming the parameter, not echoing its value.</li>
 * </ul>
 * Parameters are checked when first read (by the security chain, by argument binding),
 * not here: reading them here would consume a form-encoded body that a raw-body endpoint
 * (a SCEP client's PKIOperation POST with the wrong Content-Type) reads itself. A refusal
 * thrown while a handler binds its arguments is an {@link InvalidRequest}, answered by
 * {@link ProblemResponses}; one thrown in a filter or a handler without such advice is
 * answered here.
 */
public class RequestTextFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (restApi(request)) {
			String refusal = contentTypeRefusal(request.getHeader(HttpHeaders.CONTENT_TYPE));
			if (refusal != null) {
				ProblemDocument.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, refusal,
						request.getRequestURI());
				return;
			}
			refusal = acceptRefusal(request);
			if (refusal != null) {
				ProblemDocument.write(response, HttpServletResponse.SC_BAD_REQUEST, refusal, request.getRequestURI());
				return;
			}
		}
		try {
			chain.doFilter(new CheckedParameters(request), response);
		}
		catch (ServletException | RuntimeException ex) {
			UnstorableParameter unstorable = unstorable(ex);
			if (unstorable == null || response.isCommitted()) {
				throw ex;
			}
			response.resetBuffer();
			ProblemDocument.write(response, HttpServletResponse.SC_BAD_REQUEST, unstorable.getMessage(),
					request.getRequestURI());
		}
	}

	/**
	 * The REST APIs, whose bodies Spring MVC reads by their Content-Type and whose
	 * answers it writes by Accept. The wire protocols (SCEP at {@code /scep} and the NDES
	 * path, OCSP, CRLs) read their bodies raw and ignore Accept, as NDES does: a device's
	 * odd header must not cost it its certificate, so their headers are not judged here.
	 */
	private static boolean restApi(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/api/") || path.startsWith("/internal/");
	}

	private static @Nullable UnstorableParameter unstorable(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = (cause instanceof ServletException servlet
				&& servlet.getRootCause() != null) ? servlet.getRootCause() : cause.getCause()) {
			if (cause instanceof UnstorableParameter unstorable) {
				return unstorable;
			}
		}
		return null;
	}

	private static @Nullable String contentTypeRefusal(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return (type.isWildcardType() || type.isWildcardSubtype())
					? "The Content-Type must name the body's type; a wildcard names none." : null;
		}
		catch (InvalidMediaTypeException ex) {
			return "The Content-Type header cannot be parsed as a media type.";
		}
	}

	private static @Nullable String acceptRefusal(HttpServletRequest request) {
		for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
			try {
				MediaType.parseMediaTypes(accept);
			}
			catch (InvalidMediaTypeException ex) {
				return "The Accept header cannot be parsed as a list of media types.";
			}
		}
		return null;
	}

	/**
	 * A query or form parameter that cannot be stored: a caller's mistake.
	 */
	static final class UnstorableParameter extends InvalidRequest {

		UnstorableParameter(String message) {
			super(message);
		}

	}

	/**
	 * The request whose parameters are checked, all of them, the first time any is read.
	 */
	private static final class CheckedParameters extends HttpServletRequestWrapper {

		private boolean checked;

		CheckedParameters(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getParameter(String name) {
			check();
			return super.getParameter(name);
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			check();
			return super.getParameterMap();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			check();
			return super.getParameterNames();
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			check();
			return super.getParameterValues(name);
		}

		private void check() {
			if (this.checked) {
				return;
			}
			for (Map.Entry<String, String[]> parameter : super.getParameterMap().entrySet()) {
				String name = parameter.getKey();
				if (!StorableText.isStorable(name)) {
					throw new UnstorableParameter("A parameter name " + StorableText.WHY + ".");
				}
				for (String value : parameter.getValue()) {
					if (value != null && !StorableText.isStorable(value)) {
						throw new UnstorableParameter("Parameter '" + name + "' " + StorableText.WHY + ".");
					}
				}
			}
			this.checked = true;
		}

	}

}
