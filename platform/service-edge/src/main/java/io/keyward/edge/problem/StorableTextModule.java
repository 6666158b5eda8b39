package io.keyward.edge.problem;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Refuses, while a JSON body is read, any string that is not {@link StorableText
 * storable}: every {@code String} Jackson binds goes through this module's deserializer,
 * a record's component, a list's or an array's element, a map's value and key, an untyped
 * {@code Object}'s text. The {@link UnstorableJsonText} it throws carries the field's
 * path, which {@link ProblemResponses} names in the 400; the text itself is not in the
 * message.
 */
public class StorableTextModule extends SimpleModule {

	public StorableTextModule() {
		super("keyward-storable-text");
		addDeserializer(String.class, new CheckedStrings());
		addKeyDeserializer(String.class, new CheckedKeys());
	}

	/**
	 * A JSON string that cannot be stored, with the path Jackson adds as it unwinds.
	 */
	public static final class UnstorableJsonText extends MismatchedInputException {

		UnstorableJsonText(JsonParser parser) {
			super(parser, "a JSON string " + StorableText.WHY, String.class);
		}

		/**
		 * @return the field's path as a caller writes it ({@code scopes[0]},
		 * {@code subject.commonName}), or empty for a top-level string
		 */
		public String field() {
			StringBuilder path = new StringBuilder();
			for (JacksonException.Reference reference : getPath()) {
				if (reference.getPropertyName() != null) {
					if (!path.isEmpty()) {
						path.append('.');
					}
					path.append(reference.getPropertyName());
				}
				else if (reference.getIndex() >= 0) {
					path.append('[').append(reference.getIndex()).append(']');
				}
			}
			return path.toString();
		}

	}

	/**
	 * Wraps Jackson's own rather than extending it: a deserializer Jackson recognises as
	 * its standard one is bypassed for the elements of {@code List<String>} and
	 * {@code String[]}.
	 */
	private static final class CheckedStrings extends StdScalarDeserializer<String> {

		private final StringDeserializer strings = new StringDeserializer();

		CheckedStrings() {
			super(String.class);
		}

		@Override
		public LogicalType logicalType() {
			return LogicalType.Textual;
		}

		@Override
		public Object getEmptyValue(DeserializationContext context) {
			return "";
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = this.strings.deserialize(parser, context);
			if (value != null && !StorableText.isStorable(value)) {
				throw new UnstorableJsonText(parser);
			}
			return value;
		}

	}

	private static final class CheckedKeys extends KeyDeserializer {

		@Override
		public Object deserializeKey(String key, DeserializationContext context) {
			if (!StorableText.isStorable(key)) {
				throw new UnstorableJsonText(context.getParser());
			}
			return key;
		}

	}

}
