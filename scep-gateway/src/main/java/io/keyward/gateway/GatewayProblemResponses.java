package io.keyward.gateway;

import io.keyward.api.problem.ProblemResponses;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem documents for the REST API and for Spring MVC's own errors.
 */
@RestControllerAdvice
class GatewayProblemResponses extends ProblemResponses {

}
