package io.keyward.admin.enrollment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.Upstream;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.challenge.ChallengeLife;
import io.keyward.api.challenge.ChallengeLifeClient;
import io.keyward.api.event.WebhookDelivery;
import io.keyward.api.event.WebhookDeliveryClient;
import io.keyward.api.gateway.EnrollmentLogClient;
import io.keyward.api.gateway.EnrollmentTransaction;
import io.keyward.edge.log.CorrelationIds;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Puts one enrollment together from the three services, each asked over its own API by
 * the correlation id (the admin-ui never reads their tables): the challenge-service's
 * record of the challenge, the gateway's transactions, the ca-adapter's certificates, and
 * the renewals that replaced them (followed by serial), and the webhook deliveries of its
 * events.
 */
@Service
class EnrollmentHistories {

	/** The most transactions and renewals one page lists. */
	static final int LIMIT = 100;

	private final ChallengeLifeClient challenges;

	private final EnrollmentLogClient gateway;

	private final CertificateAuthorityClient ca;

	private final WebhookDeliveryClient deliveries;

	EnrollmentHistories(ChallengeLifeClient challenges, EnrollmentLogClient gateway, CertificateAuthorityClient ca,
			WebhookDeliveryClient deliveries) {
		this.deliveries = deliveries;
		this.challenges = challenges;
		this.gateway = gateway;
		this.ca = ca;
	}

	/**
	 * @throws ApiProblem 400 for an id that is not a UUID, 404 when no service knows it,
	 * 502/503 when a service cannot answer
	 */
	EnrollmentHistory find(String correlationId) {
		if (CorrelationIds.parse(correlationId) == null) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "correlationId must be a UUID");
		}
		String id = CorrelationIds.parse(correlationId).toString();
		ChallengeLife challenge = challenge(id);
		List<EnrollmentTransaction> transactions = Upstream
			.call("scep-gateway", () -> this.gateway.transactionsWithCorrelationId(id, 0, LIMIT))
			.items();
		List<IssuedCertificate> certificates = Upstream.call("ca-adapter", () -> this.ca.correlated(id));
		if (challenge == null && transactions.isEmpty() && certificates.isEmpty()) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "No enrollment has the correlation id " + id + ".");
		}
		List<WebhookDelivery> notifications = Upstream.call("challenge-service",
				() -> this.deliveries.ofEnrollment(id));
		return new EnrollmentHistory(id, challenge, transactions, certificates, renewals(certificates), notifications);
	}

	private ChallengeLife challenge(String id) {
		try {
			return Upstream.call("challenge-service", () -> this.challenges.life(id));
		}
		catch (ApiProblem ex) {
			if (ex.status() == HttpStatus.NOT_FOUND) {
				return null;
			}
			throw ex;
		}
	}

	private List<IssuedCertificate> renewals(List<IssuedCertificate> certificates) {
		List<IssuedCertificate> renewals = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		certificates.forEach((certificate) -> seen.add(certificate.serialNumber()));
		for (IssuedCertificate certificate : certificates) {
			String next = certificate.replacedBy();
			while (next != null && seen.add(next) && renewals.size() < LIMIT) {
				String serial = next;
				IssuedCertificate renewal = Upstream.call("ca-adapter", () -> this.ca.certificate(serial));
				renewals.add(renewal);
				next = renewal.replacedBy();
			}
		}
		return renewals;
	}

}
