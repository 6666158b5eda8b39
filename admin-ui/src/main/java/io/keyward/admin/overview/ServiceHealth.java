package io.keyward.admin.overview;

import io.keyward.admin.web.RemoteCall;

/**
 * One service as the overview saw it while reading its numbers.
 *
 * @param service its name as operators know it
 * @param up whether it answered
 * @param problem what is wrong when it did not, for the banner; empty when up
 */
record ServiceHealth(String service, boolean up, String problem) {

	static ServiceHealth of(String service, RemoteCall<?>... calls) {
		for (RemoteCall<?> call : calls) {
			if (!call.ok()) {
				return new ServiceHealth(service, false, call.problem());
			}
		}
		return new ServiceHealth(service, true, "");
	}

}
