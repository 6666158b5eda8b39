/**
 * The NDES-compatible {@code /certsrv/mscep_admin/} page (protocol brief section 5.2):
 * the bytes NDES answers, the CA certificate's MD5 thumbprint read from the ca-adapter,
 * and the cache-full and no-permission pages MDMs recognise.
 */
@NullMarked
package io.keyward.challenge.ndes;

import org.jspecify.annotations.NullMarked;
