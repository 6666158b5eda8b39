package io.keyward.edge.problem;

/**
 * A caller's mistake that its message explains to that caller (a parameter out of range,
 * a malformed value). {@link ProblemResponses} answers it with 400 and the message; throw
 * it only with text written for the caller, never with an internal exception's message.
 * Any other exception is an internal error: 500 without its text.
 */
public class InvalidRequest extends RuntimeException {

	public InvalidRequest(String message) {
		super(message);
	}

	public InvalidRequest(String message, Throwable cause) {
		super(message, cause);
	}

}
