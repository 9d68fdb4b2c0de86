package io.socstream.streams.registry;

/**
 * One version of a subject: the {@code version}-th schema registered under {@code subject}, with
 * its global {@code id} and its canonical text.
 */
record SubjectVersion(String subject, int version, int id, String schema) {}
