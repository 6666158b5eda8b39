/**
 * The Keyward load generator: real SCEP enrollments built with the client side of
 * {@code platform/scep-protocol}.
 */
package io.keyward.loadgen;
