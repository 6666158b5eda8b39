package io.keyward.scep.fuzz;

/**
 * The ways {@link PkiMessageMutator} changes a message: byte-level damage, and structural
 * changes on the ASN.1 tree that keep the encoding parseable while making its content
 * wrong (the inputs that reach deepest into a CMS parser).
 */
public enum Mutation {

	/** One to four bits flipped. */
	BIT_FLIP,

	/** One to sixteen random bytes inserted. */
	INSERT,

	/** One to sixteen bytes deleted. */
	DELETE,

	/** Cut short at a random offset. */
	TRUNCATE,

	/** A value's length octets replaced (off by one, zero, indefinite, huge). */
	LENGTH,

	/** A value's tag replaced by another universal or context tag. */
	TAG,

	/**
	 * The value sets of two attributes swapped (for example messageType and senderNonce).
	 */
	ATTRIBUTE_SWAP,

	/**
	 * An attribute's value set replaced (empty, doubled, other type, odd message type).
	 */
	ATTRIBUTE_VALUE,

	/** A primitive value's content replaced by random bytes. */
	CONTENT,

	/** A value removed from its parent. */
	REMOVE,

	/** A value repeated in its parent. */
	DUPLICATE

}
