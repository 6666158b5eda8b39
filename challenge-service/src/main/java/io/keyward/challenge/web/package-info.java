/**
 * HTTP edge: security filter chains and RFC 9457 problem responses.
 */
@NullMarked
package io.keyward.challenge.web;

import org.jspecify.annotations.NullMarked;
