package io.keyward.admin.token;

/**
 * The caller of the admin API, authenticated by an admin API token.
 *
 * @param id the token's id
 * @param name the token's name
 */
public record AdminTokenPrincipal(long id, String name) {

	@Override
	public String toString() {
		return "token:" + this.name;
	}

}
