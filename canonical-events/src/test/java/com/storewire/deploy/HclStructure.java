package com.storewire.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * The block structure of one HCL file, as written: which attributes and blocks each body holds, in
 * order, with their lines. hcl4j's parse (see {@link Terraform}) cannot say this: it keeps the last
 * of two attributes of one name, reads {@code x = { … }} and {@code x { … }} alike, and has no line
 * numbers. Expressions are skipped, not parsed: strings (with their {@code ${…}} and {@code %{…}}
 * templates), brackets, heredocs and comments are stepped over so that what they hold is never
 * taken for structure; an attribute's expression text is kept.
 */
final class HclStructure {

  record Attribute(String name, int line, String expression) {}

  record Block(String type, List<String> labels, int line, Body body) {}

  record Body(List<Attribute> attributes, List<Block> blocks) {}

  private final String text;
  private int pos;

  private HclStructure(String text) {
    this.text = text;
  }

  /** The top-level body of a file's text. */
  static Body parse(String text) {
    HclStructure parser = new HclStructure(text);
    Body body = parser.body();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected '}'");
    }
    return body;
  }

  private Body body() {
    List<Attribute> attributes = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    while (true) {
      skipSpaceAndComments(true);
      if (pos >= text.length() || peek(0) == '}') {
        return new Body(attributes, blocks);
      }
      int start = pos;
      String name = identifier();
      skipSpaceAndComments(false);
      if (peek(0) == '=' && peek(1) != '=') {
        pos++;
        attributes.add(new Attribute(name, lineAt(start), expression()));
        continue;
      }
      List<String> labels = new ArrayList<>();
      while (peek(0) != '{') {
        if (peek(0) == '"') {
          int from = pos;
          skipString();
          labels.add(text.substring(from + 1, pos - 1));
        } else {
          labels.add(identifier());
        }
        skipSpaceAndComments(false);
      }
      pos++;
      Body inner = body();
      if (peek(0) != '}') {
        throw error("block " + name + " (line " + lineAt(start) + ") is not closed");
      }
      pos++;
      blocks.add(new Block(name, List.copyOf(labels), lineAt(start), inner));
    }
  }

  /** An attribute's expression: to the end of its line, or to the '}' of a one-line block. */
  private String expression() {
    skipSpaceAndComments(false);
    int start = pos;
    int end = pos;
    while (pos < text.length()) {
      char c = peek(0);
      if (c == '\n' || c == '}' || c == '#' || (c == '/' && peek(1) == '/')) {
        break;
      }
      if (c == '/' && peek(1) == '*') {
        skipComment();
        continue;
      }
      step();
      if (c != ' ' && c != '\t' && c != '\r') {
        end = pos;
      }
    }
    return text.substring(start, end);
  }

  /** Steps over one token of an expression: a string, a bracketed group, a heredoc, a char. */
  private void step() {
    char c = peek(0);
    if (c == '"') {
      skipString();
    } else if (c == '(' || c == '[' || c == '{') {
      pos++;
      skipToClose();
    } else if (c == '<' && peek(1) == '<' && heredoc()) {
      return;
    } else {
      pos++;
    }
  }

  /** Inside a bracket: to just after the one that closes it. */
  private void skipToClose() {
    while (pos < text.length()) {
      char c = peek(0);
      if (c == ')' || c == ']' || c == '}') {
        pos++;
        return;
      }
      if (c == '#' || c == '/' && (peek(1) == '/' || peek(1) == '*')) {
        skipComment();
      } else {
        step();
      }
    }
    throw error("unclosed bracket");
  }

  private void skipString() {
    pos++;
    while (pos < text.length()) {
      char c = peek(0);
      if (c == '\\') {
        pos += 2;
      } else if (c == '"') {
        pos++;
        return;
      } else if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {
        pos += 3; // $${ and %%{ are literal
      } else if ((c == '$' || c == '%') && peek(1) == '{') {
        pos += 2;
        skipToClose();
      } else if (c == '\n') {
        throw error("unterminated string");
      } else {
        pos++;
      }
    }
    throw error("unterminated string");
  }

  /** A heredoc ({@code <<EOT} or {@code <<-EOT}): to the end of its closing marker. */
  private boolean heredoc() {
    int lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) {
      return false;
    }
    String opener = text.substring(pos + 2, lineEnd).strip();
    String marker = opener.startsWith("-") ? opener.substring(1) : opener;
    if (!marker.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return false;
    }
    int at = lineEnd + 1;
    while (at < text.length()) {
      int next = text.indexOf('\n', at);
      String line = text.substring(at, next < 0 ? text.length() : next);
      if (line.strip().equals(marker)) {
        pos = at + line.indexOf(marker) + marker.length();
        return true;
      }
      at = next < 0 ? text.length() : next + 1;
    }
    throw error("heredoc " + marker + " is not closed");
  }

  /** Spaces and block comments; with {@code newlines}, also line ends and line comments. */
  private void skipSpaceAndComments(boolean newlines) {
    while (pos < text.length()) {
      char c = peek(0);
      if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
        pos++;
      } else if (c == '/' && peek(1) == '*'
          || newlines && (c == '#' || c == '/' && peek(1) == '/')) {
        skipComment();
      } else {
        return;
      }
    }
  }

  /** A comment: a line comment up to (not including) its newline, or a block comment. */
  private void skipComment() {
    if (peek(0) == '/' && peek(1) == '*') {
      int end = text.indexOf("*/", pos + 2);
      if (end < 0) {
        throw error("unclosed comment");
      }
      pos = end + 2;
    } else {
      int end = text.indexOf('\n', pos);
      pos = end < 0 ? text.length() : end;
    }
  }

  private String identifier() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(peek(0)) || peek(0) == '_' || peek(0) == '-')) {
      pos++;
    }
    if (pos == start) {
      throw error("expected a name, found '" + peek(0) + "'");
    }
    return text.substring(start, pos);
  }

  private char peek(int ahead) {
    int at = pos + ahead;
    return at >= 0 && at < text.length() ? text.charAt(at) : '\0';
  }

  private int lineAt(int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException("line " + lineAt(pos) + ": " + message);
  }
}
