package dev.finegrain.workflow.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource for single-threaded tests that hands out one connection again and again, as a pool
 * of one would: {@code close()} rolls back what is uncommitted and restores auto-commit instead of
 * closing, so that a test making thousands of store calls does not open thousands of connections.
 */
final class OneConnection implements DataSource {
  private final Connection connection;
  private final Connection handle;

  OneConnection(DataSource dataSource) throws SQLException {
    this.connection = dataSource.getConnection();
    this.handle = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            if (!connection.getAutoCommit()) {
              connection.rollback();
              connection.setAutoCommit(true);
            }
            return null;
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  void closeForReal() throws SQLException {
    connection.close();
  }

  @Override
  public Connection getConnection() {
    return handle;
  }

  @Override
  public Connection getConnection(String username, String password) {
    return handle;
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
