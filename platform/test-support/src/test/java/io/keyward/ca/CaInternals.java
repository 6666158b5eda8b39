package io.keyward.ca;

/** Fixture for ServiceBoundariesTests: stands for a class of the ca-adapter. */
public class CaInternals {

}
