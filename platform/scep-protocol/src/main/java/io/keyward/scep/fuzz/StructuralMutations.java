package io.keyward.scep.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The mutations of {@link Mutation} that work on the {@link TlvNode} tree: re-encoding
 * keeps every length above the changed value consistent, so the damage reaches the code
 * that interprets the value rather than the one that splits the bytes.
 */
final class StructuralMutations {

	private static final int OID = 0x06;

	private static final int SET = 0x31;

	private static final int SEQUENCE = 0x30;

	private static final byte[][] TAGS = { { 0x01 }, { 0x02 }, { 0x03 }, { 0x04 }, { 0x05 }, { 0x06 }, { 0x0C },
			{ 0x13 }, { 0x16 }, { 0x17 }, { 0x18 }, { 0x1E }, { 0x30 }, { 0x31 }, { (byte) 0xA0 }, { (byte) 0xA1 },
			{ (byte) 0x80 }, { 0x00 }, { 0x1F, (byte) 0x85, 0x10 } };

	private static final byte[][] LENGTHS = { { 0 }, { (byte) 0x80 }, { (byte) 0x81, (byte) 0xFF },
			{ (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF },
			{ (byte) 0x84, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF },
			{ (byte) 0x88, 0, 0, 0, 1, 0, 0, 0, 0 }, { (byte) 0xFF } };

	/** messageType texts: requests, the reply type, unassigned, not a number. */
	private static final String[] TYPES = { "3", "17", "19", "20", "21", "22", "0", "99", "-1", "abc", "", " 19 " };

	private final RandomGenerator random;

	StructuralMutations(RandomGenerator random) {
		this.random = random;
	}

	byte[] apply(TlvNode tree, Mutation mutation) {
		List<TlvNode> nodes = tree.flatten();
		TlvNode node = nodes.get(this.random.nextInt(nodes.size()));
		switch (mutation) {
			case LENGTH -> node.lengthOverride = lengthFor(node);
			case TAG -> node.tag = TAGS[this.random.nextInt(TAGS.length)];
			case CONTENT -> replaceContent(node);
			case REMOVE, DUPLICATE -> {
				TlvNode parent = tree.parentOf(node);
				if (parent == null) {
					node.lengthOverride = lengthFor(node);
				}
				else if (mutation == Mutation.REMOVE) {
					parent.children.remove(node);
				}
				else {
					parent.children.add(parent.children.indexOf(node), TlvNode.parse(node.encode()));
				}
			}
			case ATTRIBUTE_SWAP, ATTRIBUTE_VALUE -> {
				List<TlvNode> attributes = nodes.stream().filter(StructuralMutations::isAttribute).toList();
				if (attributes.isEmpty()) {
					replaceContent(node);
				}
				else if (mutation == Mutation.ATTRIBUTE_SWAP) {
					TlvNode one = attributes.get(this.random.nextInt(attributes.size()));
					TlvNode other = attributes.get(this.random.nextInt(attributes.size()));
					TlvNode values = one.children.get(1);
					one.children.set(1, other.children.get(1));
					other.children.set(1, values);
				}
				else {
					attributes.get(this.random.nextInt(attributes.size())).children.set(1, oddValues());
				}
			}
			default -> throw new IllegalArgumentException("not structural: " + mutation);
		}
		return tree.encode();
	}

	/** {@code Attribute ::= SEQUENCE { attrType OID, attrValues SET }} (RFC 5652 5.3). */
	private static boolean isAttribute(TlvNode node) {
		return node.tag.length == 1 && (node.tag[0] & 0xFF) == SEQUENCE && node.children.size() == 2
				&& node.children.get(0).tag[0] == OID && (node.children.get(1).tag[0] & 0xFF) == SET;
	}

	private byte[] lengthFor(TlvNode node) {
		if (this.random.nextBoolean()) {
			return LENGTHS[this.random.nextInt(LENGTHS.length)];
		}
		int actual = node.encode().length;
		return TlvNode.length(Math.max(0, actual + this.random.nextInt(-3, 4)));
	}

	private void replaceContent(TlvNode node) {
		byte[] content = new byte[this.random.nextInt(0, 48)];
		this.random.nextBytes(content);
		node.children.clear();
		node.content = content;
	}

	private TlvNode oddValues() {
		TlvNode set = TlvNode.leaf(new byte[] { SET }, new byte[0]);
		switch (this.random.nextInt(6)) {
			case 0 -> {
				// an empty SET: getAttrValues().size() == 0
			}
			case 1 -> {
				set.children.add(printable(TYPES[this.random.nextInt(TYPES.length)]));
				set.children.add(printable(TYPES[this.random.nextInt(TYPES.length)]));
			}
			case 2 -> set.children.add(TlvNode.leaf(new byte[] { 0x02 }, new byte[] { 19 }));
			case 3 -> set.children.add(TlvNode.leaf(new byte[] { 0x05 }, new byte[0]));
			case 4 -> {
				byte[] octets = new byte[this.random.nextInt(0, 40)];
				this.random.nextBytes(octets);
				set.children.add(TlvNode.leaf(new byte[] { 0x04 }, octets));
			}
			default -> set.children.add(printable(TYPES[this.random.nextInt(TYPES.length)]));
		}
		return set;
	}

	private static TlvNode printable(String text) {
		return TlvNode.leaf(new byte[] { 0x13 }, text.getBytes(StandardCharsets.US_ASCII));
	}

}
