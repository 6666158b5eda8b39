package io.keyward.scep.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A lenient BER/DER tag-length-value tree for structural mutation: definite lengths are
 * followed into constructed values and into OCTET STRINGs that hold exactly one encoded
 * value (CMS eContent holds the pkcsPKIEnvelope that way); anything else (indefinite
 * lengths, values that run past their parent) stays an opaque leaf. Re-encoding writes
 * definite lengths computed from the children, so a mutated child keeps its parents well
 * formed.
 *
 * @see <a href="https://www.itu.int/rec/T-REC-X.690">ITU-T X.690 section 8.1</a>
 */
final class TlvNode {

	private static final int OCTET_STRING = 0x04;

	byte[] tag;

	byte[] content;

	/** Written instead of the computed length when set (a tampered length). */
	byte[] lengthOverride;

	final List<TlvNode> children = new ArrayList<>();

	private TlvNode(byte[] tag, byte[] content) {
		this.tag = tag;
		this.content = content;
	}

	static TlvNode leaf(byte[] tag, byte[] content) {
		return new TlvNode(tag, content);
	}

	/**
	 * @param der the encoding
	 * @return the tree, or {@code null} when the bytes are not one complete value
	 */
	static TlvNode parse(byte[] der) {
		List<TlvNode> values = parseAll(der, 0, der.length, 0);
		return (values != null && values.size() == 1) ? values.get(0) : null;
	}

	private static List<TlvNode> parseAll(byte[] data, int from, int to, int depth) {
		List<TlvNode> values = new ArrayList<>();
		int at = from;
		while (at < to) {
			int tagEnd = at + 1;
			if ((data[at] & 0x1F) == 0x1F) {
				while (tagEnd < to && (data[tagEnd] & 0x80) != 0) {
					tagEnd++;
				}
				tagEnd++;
			}
			if (tagEnd >= to) {
				return null;
			}
			int first = data[tagEnd] & 0xFF;
			int lengthEnd = tagEnd + 1;
			long length;
			if (first < 0x80) {
				length = first;
			}
			else if (first == 0x80 || first > 0x84 || tagEnd + 1 + (first & 0x7F) > to) {
				return null;
			}
			else {
				length = 0;
				for (int i = 0; i < (first & 0x7F); i++) {
					length = (length << 8) | (data[lengthEnd++] & 0xFF);
				}
			}
			if (length > to - lengthEnd) {
				return null;
			}
			int end = lengthEnd + (int) length;
			TlvNode node = new TlvNode(slice(data, at, tagEnd), slice(data, lengthEnd, end));
			boolean constructed = (data[at] & 0x20) != 0;
			if ((constructed || data[at] == OCTET_STRING) && depth < 32) {
				List<TlvNode> inner = parseAll(data, lengthEnd, end, depth + 1);
				if (inner != null && !inner.isEmpty() && (constructed || inner.size() == 1)) {
					node.children.addAll(inner);
				}
			}
			values.add(node);
			at = end;
		}
		return values;
	}

	/** This node and every node below it, depth first. */
	List<TlvNode> flatten() {
		List<TlvNode> all = new ArrayList<>();
		all.add(this);
		for (TlvNode child : this.children) {
			all.addAll(child.flatten());
		}
		return all;
	}

	/** The parent of {@code node} in the tree under this one, or {@code null}. */
	TlvNode parentOf(TlvNode node) {
		for (TlvNode child : this.children) {
			if (child == node) {
				return this;
			}
			TlvNode found = child.parentOf(node);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	byte[] encode() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		encodeTo(out);
		return out.toByteArray();
	}

	private void encodeTo(ByteArrayOutputStream out) {
		byte[] value = this.content;
		if (!this.children.isEmpty()) {
			ByteArrayOutputStream inner = new ByteArrayOutputStream();
			this.children.forEach((child) -> child.encodeTo(inner));
			value = inner.toByteArray();
		}
		out.writeBytes(this.tag);
		out.writeBytes((this.lengthOverride != null) ? this.lengthOverride : length(value.length));
		out.writeBytes(value);
	}

	static byte[] length(int length) {
		if (length < 0x80) {
			return new byte[] { (byte) length };
		}
		int bytes = (length > 0xFFFFFF) ? 4 : (length > 0xFFFF) ? 3 : (length > 0xFF) ? 2 : 1;
		byte[] encoded = new byte[bytes + 1];
		encoded[0] = (byte) (0x80 | bytes);
		for (int i = 0; i < bytes; i++) {
			encoded[bytes - i] = (byte) (length >>> (8 * i));
		}
		return encoded;
	}

	private static byte[] slice(byte[] data, int from, int to) {
		byte[] slice = new byte[to - from];
		System.arraycopy(data, from, slice, 0, slice.length);
		return slice;
	}

}
