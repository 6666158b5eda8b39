/**
 * NDES's {@code /certsrv/mscep_admin/} page on the gateway's ports, so that one host name
 * serves both it and {@code /certsrv/mscep/mscep.dll} as on NDES: forwarded to the
 * challenge-service, which authenticates the MDM and mints the challenge.
 */
@NullMarked
package io.keyward.gateway.ndes;

import org.jspecify.annotations.NullMarked;
