package se.vardnav.connector.sms;

/** How a gateway cuts a long text into concatenated parts, so that the hub counts the parts it will send. */
public enum Splitting {
    /** Never a character across two parts: a surrogate pair (an emoji) moves whole into the next part. */
    WHOLE_CHARACTERS,
    /**
     * UCS-2 texts are cut by octets, 134 a part (67 UTF-16 code units), so an emoji's two halves can land in
     * two parts; GSM-7 escapes still stay together. Kannel does this, and so does camel-smpp's splitter.
     */
    UCS2_BY_OCTETS
}
