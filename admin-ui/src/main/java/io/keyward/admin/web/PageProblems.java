package io.keyward.admin.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A dashboard page that cannot be shown (unknown serial, a service down) renders the
 * error page with the refusal's status and its caller-facing sentence, never a stack
 * trace. Runs after {@link AdminApiProblems}, which answers the API's controllers.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblems {

	@ExceptionHandler(ApiProblem.class)
	ModelAndView refused(ApiProblem ex) {
		ModelAndView view = new ModelAndView("error");
		view.setStatus(ex.status());
		view.addObject("status", ex.status().value());
		view.addObject("error", ex.status().getReasonPhrase());
		view.addObject("detail", ex.getMessage());
		return view;
	}

}
