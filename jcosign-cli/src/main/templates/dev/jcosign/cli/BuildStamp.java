package dev.jcosign.cli;

/*
 * What the build recorded, for "version" and the User-Agent. Maven fills this template in
 * (src/main/templates, resource filtering); scripts/release passes the commit and tree state.
 * Constants rather than jar manifest entries: reading the manifest opens and indexes the whole
 * 30 000-entry jar, which the AOT cache otherwise never has to do for "version" (issue 12).
 */
public final class BuildStamp {
  public static final String VERSION = "${project.version}";
  public static final String COMMIT = "${jcosign.commit}";
  public static final String TREE_STATE = "${jcosign.treeState}";
  public static final String DATE = "${jcosign.buildDate}";

  private BuildStamp() {}
}
