package io.keyward.scep.fuzz;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Deterministic mutations of a pkiMessage for robustness tests: the same generator state
 * and seed message give the same mutant, so a failure found by a test or by
 * {@code bench/fuzz.sh} can be replayed from its seed. The generator is the caller's
 * (tests pass a seeded {@link java.util.SplittableRandom}); nothing here is security
 * randomness.
 */
public final class PkiMessageMutator {

	private static final Mutation[] MUTATIONS = Mutation.values();

	private final RandomGenerator random;

	private final StructuralMutations structural;

	public PkiMessageMutator(RandomGenerator random) {
		this.random = random;
		this.structural = new StructuralMutations(random);
	}

	/**
	 * One mutant: one mutation, sometimes followed by a second or a third.
	 * @param message the seed message (not changed)
	 * @return the mutant and what was done first
	 */
	public Mutant mutate(byte[] message) {
		Mutation first = MUTATIONS[this.random.nextInt(MUTATIONS.length)];
		byte[] bytes = mutate(message, first);
		while (this.random.nextInt(4) == 0) {
			bytes = mutate(bytes, MUTATIONS[this.random.nextInt(MUTATIONS.length)]);
		}
		return new Mutant(first, bytes);
	}

	/**
	 * @param message the message (not changed)
	 * @param mutation what to do
	 * @return the changed copy; a structural mutation of bytes that are not ASN.1 falls
	 * back to a bit flip
	 */
	public byte[] mutate(byte[] message, Mutation mutation) {
		if (message.length == 0) {
			return new byte[] { (byte) this.random.nextInt(256) };
		}
		return switch (mutation) {
			case BIT_FLIP -> flipBits(message);
			case INSERT -> insert(message);
			case DELETE -> delete(message);
			case TRUNCATE -> Arrays.copyOf(message, this.random.nextInt(message.length));
			default -> {
				TlvNode tree = TlvNode.parse(message);
				yield (tree != null) ? this.structural.apply(tree, mutation) : flipBits(message);
			}
		};
	}

	private byte[] flipBits(byte[] message) {
		byte[] copy = message.clone();
		int flips = 1 + this.random.nextInt(4);
		for (int i = 0; i < flips; i++) {
			copy[this.random.nextInt(copy.length)] ^= (byte) (1 << this.random.nextInt(8));
		}
		return copy;
	}

	private byte[] insert(byte[] message) {
		int at = this.random.nextInt(message.length + 1);
		byte[] inserted = new byte[1 + this.random.nextInt(16)];
		this.random.nextBytes(inserted);
		byte[] copy = new byte[message.length + inserted.length];
		System.arraycopy(message, 0, copy, 0, at);
		System.arraycopy(inserted, 0, copy, at, inserted.length);
		System.arraycopy(message, at, copy, at + inserted.length, message.length - at);
		return copy;
	}

	private byte[] delete(byte[] message) {
		int at = this.random.nextInt(message.length);
		int count = Math.min(1 + this.random.nextInt(16), message.length - at);
		byte[] copy = new byte[message.length - count];
		System.arraycopy(message, 0, copy, 0, at);
		System.arraycopy(message, at + count, copy, at, message.length - at - count);
		return copy;
	}

	/**
	 * A mutated message.
	 *
	 * @param mutation the first mutation applied
	 * @param bytes the mutant
	 */
	public record Mutant(Mutation mutation, byte[] bytes) {
	}

}
