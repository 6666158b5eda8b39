/**
 * The {@code intune} challenge mode: Intune's SCEP validation API in place of the Intune
 * Certificate Connector (validateRequest, success and failure notifications, the
 * revocation feed), with Entra app tokens and Graph service discovery.
 */
@NullMarked
package io.keyward.challenge.intune;

import org.jspecify.annotations.NullMarked;
