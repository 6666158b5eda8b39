package io.keyward.challenge.apiclient;

/**
 * Another MDM API client already has that name (409): the name is what the NDES admin
 * page authenticates, so it is unique.
 */
public class ApiClientNameTakenException extends RuntimeException {

	ApiClientNameTakenException(String name) {
		super("An API client named '" + name + "' already exists.");
	}

}
