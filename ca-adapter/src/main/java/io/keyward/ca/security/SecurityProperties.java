package io.keyward.ca.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API ({@code keyward.security.*}).
 *
 * @param serviceTokens bearer tokens accepted from internal callers (comma list, at least
 * one, each 16+ characters); several at once allow rotation
 */
@Validated
@ConfigurationProperties("keyward.security")
public record SecurityProperties(@DefaultValue List<String> serviceTokens) {

}
