package io.keyward.admin.web;

/**
 * What a form field or query parameter means once a browser has sent it: an empty or
 * all-blank field is the same as no field.
 */
public final class FormValues {

	private FormValues() {
	}

	/**
	 * @return the value without surrounding white space, or null when nothing but white
	 * space (or nothing) was sent
	 */
	public static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
