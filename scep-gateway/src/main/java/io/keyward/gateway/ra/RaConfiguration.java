package io.keyward.gateway.ra;

import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.gateway.PlatformProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RaConfiguration {

	@Bean
	KeyEncryptionKey keyEncryptionKey(PlatformProperties properties) {
		return KeyEncryptionKey.load(properties.kek(), properties.dataDir());
	}

}
