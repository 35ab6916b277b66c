package dev.jcosign.maven;

import java.util.regex.Pattern;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutionException;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;

/**
 * Runs a goal right after {@code jib:build} when Jib is named on the command line ({@code mvn package
 * jib:build}): then the goal's own {@code package} execution comes before Jib has pushed anything, and
 * {@code target/jib-image.json} is missing or, worse, the previous build's (issue 13). The goal asks this
 * class to wait: an {@link ExecutionListener} wrapped around Maven's runs it when Jib's build succeeds
 * for the same project, and a failure fails the build as the goal itself would.
 */
final class AfterJibBuild {
  /** {@code jib:build}, {@code com.google.cloud.tools:jib-maven-plugin[:VERSION]:build}. */
  private static final Pattern JIB_BUILD = Pattern.compile("(jib|com\\.google\\.cloud\\.tools:jib-maven-plugin(:[^:]+)?):build");

  interface Action {
    void run() throws Exception;
  }

  private AfterJibBuild() {}

  /** Whether this execution is bound to a phase and {@code jib:build} comes later on the command line. */
  static boolean pending(MavenSession session, MojoExecution execution) {
    return session != null && execution != null && execution.getLifecyclePhase() != null
        && session.getGoals().stream().anyMatch(g -> JIB_BUILD.matcher(g).matches());
  }

  static void defer(MavenSession session, MojoExecution execution, Action action) {
    ExecutionListener previous = session.getRequest().getExecutionListener();
    session.getRequest().setExecutionListener(new Deferred(previous, session.getCurrentProject(), execution, action));
  }

  /** Maven's listener, unchanged, plus the deferred goal after the project's jib:build. */
  private static final class Deferred implements ExecutionListener {
    private final ExecutionListener d;
    private final MavenProject project;
    private final MojoExecution execution;
    private final Action action;
    private boolean done;

    Deferred(ExecutionListener delegate, MavenProject project, MojoExecution execution, Action action) {
      this.d = delegate;
      this.project = project;
      this.execution = execution;
      this.action = action;
    }

    @Override
    public void mojoSucceeded(ExecutionEvent event) {
      if (d != null) {
        d.mojoSucceeded(event);
      }
      MojoExecution m = event.getMojoExecution();
      if (!done && event.getProject() == project && m != null && "jib-maven-plugin".equals(m.getArtifactId())
          && "build".equals(m.getGoal())) {
        done = true;
        try {
          action.run();
        } catch (Exception e) {
          // reported as a failure of this goal's execution, with its one-line message
          throw AfterJibBuild.<RuntimeException>sneaky(new LifecycleExecutionException(execution, project, e));
        }
      }
    }

    @Override
    public void projectDiscoveryStarted(ExecutionEvent event) {
      if (d != null) {
        d.projectDiscoveryStarted(event);
      }
    }

    @Override
    public void sessionStarted(ExecutionEvent event) {
      if (d != null) {
        d.sessionStarted(event);
      }
    }

    @Override
    public void sessionEnded(ExecutionEvent event) {
      if (d != null) {
        d.sessionEnded(event);
      }
    }

    @Override
    public void projectSkipped(ExecutionEvent event) {
      if (d != null) {
        d.projectSkipped(event);
      }
    }

    @Override
    public void projectStarted(ExecutionEvent event) {
      if (d != null) {
        d.projectStarted(event);
      }
    }

    @Override
    public void projectSucceeded(ExecutionEvent event) {
      if (d != null) {
        d.projectSucceeded(event);
      }
    }

    @Override
    public void projectFailed(ExecutionEvent event) {
      if (d != null) {
        d.projectFailed(event);
      }
    }

    @Override
    public void mojoSkipped(ExecutionEvent event) {
      if (d != null) {
        d.mojoSkipped(event);
      }
    }

    @Override
    public void mojoStarted(ExecutionEvent event) {
      if (d != null) {
        d.mojoStarted(event);
      }
    }

    @Override
    public void mojoFailed(ExecutionEvent event) {
      if (d != null) {
        d.mojoFailed(event);
      }
    }

    @Override
    public void forkStarted(ExecutionEvent event) {
      if (d != null) {
        d.forkStarted(event);
      }
    }

    @Override
    public void forkSucceeded(ExecutionEvent event) {
      if (d != null) {
        d.forkSucceeded(event);
      }
    }

    @Override
    public void forkFailed(ExecutionEvent event) {
      if (d != null) {
        d.forkFailed(event);
      }
    }

    @Override
    public void forkedProjectStarted(ExecutionEvent event) {
      if (d != null) {
        d.forkedProjectStarted(event);
      }
    }

    @Override
    public void forkedProjectSucceeded(ExecutionEvent event) {
      if (d != null) {
        d.forkedProjectSucceeded(event);
      }
    }

    @Override
    public void forkedProjectFailed(ExecutionEvent event) {
      if (d != null) {
        d.forkedProjectFailed(event);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
