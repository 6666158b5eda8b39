package io.keyward.ca.issuance;

/**
 * The caller may not have certificates issued under this template (403): it is not among
 * the templates configured for it, or it is an RA template asked for on the general API.
 */
class TemplateNotGranted extends RuntimeException {

	TemplateNotGranted(String caller, String template) {
		super("caller '" + caller + "' may not request certificates with template '" + template + "'");
	}

}
