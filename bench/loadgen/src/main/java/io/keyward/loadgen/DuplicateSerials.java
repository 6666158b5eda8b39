package io.keyward.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serial numbers issued more than once (RFC 5280 section 4.1.2.2 requires them unique per
 * CA), with the transactionIDs that received them.
 */
final class DuplicateSerials {

	private DuplicateSerials() {
	}

	static Map<String, List<String>> find(List<IssuedCertificate> issued) {
		Map<String, List<String>> bySerial = new LinkedHashMap<>();
		for (IssuedCertificate certificate : issued) {
			bySerial.computeIfAbsent(certificate.serial(), (s) -> new ArrayList<>()).add(certificate.transactionId());
		}
		bySerial.values().removeIf((transactionIds) -> transactionIds.size() < 2);
		return bySerial;
	}

}
