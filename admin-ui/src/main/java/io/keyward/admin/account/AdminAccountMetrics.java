package io.keyward.admin.account;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * {@code keyward.admin.accounts{role}}: the enabled admin accounts per role, read at each
 * scrape. An operator watches for an administrator count that grows unexpectedly (someone
 * handing out rights) or falls to one (nobody left to stand in).
 */
@Component
class AdminAccountMetrics implements MeterBinder {

	private final AdminUserRepository users;

	AdminAccountMetrics(AdminUserRepository users) {
		this.users = users;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (AdminRole role : AdminRole.values()) {
			Gauge.builder("keyward.admin.accounts", () -> this.users.countByRoleAndDisabledAtIsNull(role))
				.description("Enabled dashboard admin accounts")
				.tag("role", role.name())
				.register(registry);
		}
	}

}
