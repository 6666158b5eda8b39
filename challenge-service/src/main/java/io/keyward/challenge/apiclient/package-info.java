/**
 * MDM API clients: their keys (stored as SHA-256), scopes, and the bootstrap client
 * created on first start.
 */
@NullMarked
package io.keyward.challenge.apiclient;

import org.jspecify.annotations.NullMarked;
