package uk.police.daoversight.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by Debian's chromedriver (no download), and the few moves a
 * person makes in Tasklist and Cockpit: log in, open a task, fill a Camunda Form, claim, complete.
 */
final class Browser implements AutoCloseable {

  private final WebDriver driver;
  private final WebDriverWait wait;
  private final String base;
  private final String engine;

  Browser(int port) throws Exception {
    this(port, "default");
  }

  /** A browser for the webapps of the named process engine (the single sign-on test runs its own, "sso"). */
  Browser(int port, String engine) throws Exception {
    this.engine = engine;
    Path profile = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1800",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new java.io.File(System.getProperty("chromedriver", "/usr/bin/chromedriver"))).build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    base = "http://localhost:" + port;
  }

  void login(String app, String user) {
    driver.manage().deleteAllCookies();
    driver.get(base + "/camunda/app/" + app + "/" + engine + "/");
    WebElement name = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[ng-model=username]")));
    name.sendKeys(user);
    driver.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
    driver.findElement(By.cssSelector("button.btn-primary[type=submit]")).click();
    wait.until(d -> !d.findElements(By.cssSelector("[cam-widget-header], .navbar")).isEmpty()
        && d.findElements(By.cssSelector("input[ng-model=username]")).isEmpty());
  }

  /**
   * Single sign-on: opens the app, which sends the browser to the identity provider and back signed in
   * (the provider signs in whoever the test queued); waits for the app's header, with no login form.
   */
  void signIn(String app) {
    driver.manage().deleteAllCookies();
    driver.get(base + "/camunda/app/" + app + "/" + engine + "/");
    wait.until(d -> d.getCurrentUrl().startsWith(base + "/camunda/app/" + app + "/")
        && !d.findElements(By.cssSelector("[cam-widget-header], .navbar")).isEmpty());
  }

  String currentUrl() {
    return driver.getCurrentUrl();
  }

  void open(String path) {
    driver.get(base + path);
  }

  /** Opens a task in Tasklist by its id and waits for its form. */
  /**
   * Opens the task's form on a freshly loaded Tasklist: changing only the address's fragment keeps the
   * previous task's form on the page for a moment, and a test would read or type into that one.
   */
  void openTask(String taskId) {
    driver.get("about:blank");
    driver.get(base + "/camunda/app/tasklist/" + engine + "/#/?task=" + taskId + "&detailsTab=form");
    wait.until(d -> !d.findElements(By.cssSelector(".fjs-form")).isEmpty());
  }

  /**
   * Tasklist renders its "Add comment" action (a.createCommentLink) and our user stylesheet hides it:
   * present in the page, so the selector still names Camunda's link, and shown nowhere.
   */
  /** Tasklist's own controls that the engine refuses a person: rendered by Tasklist, shown nowhere. */
  boolean refusedControlsRenderedButHidden() {
    wait.until(d -> !d.findElements(By.cssSelector(".followup-date")).isEmpty());
    return driver.findElements(By.cssSelector(".followup-date, a[translate='ADD_GROUPS'], a[translate='SET_DUE_DATE']"))
        .stream().noneMatch(WebElement::isDisplayed);
  }

  boolean commentActionRenderedButHidden() {
    List<WebElement> links = wait.until(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(".createCommentLink"));
      return found.isEmpty() ? null : found;
    });
    return links.stream().noneMatch(WebElement::isDisplayed);
  }

  void claim() {
    List<WebElement> claim = driver.findElements(By.xpath("//*[contains(@class,'claim') or normalize-space(text())='Claim']"));
    if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
      claim.get(0).click();
      wait.until(d -> d.findElements(By.xpath("//*[normalize-space(text())='Claim']")).isEmpty());
    }
  }

  WebElement field(String key) {
    return element(key + "Field");
  }

  private WebElement element(String idEnd) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id$='-" + idEnd + "']")));
  }

  /** form-js numbers a dynamic list's fields by row: {@code ...-actionWhatField_0}. */
  private static String inRow(String key, int row) {
    return key + "Field_" + row;
  }

  /** Types into a field of a dynamic list's row (from 0). */
  void typeInRow(String key, int row, String text) {
    typeInto(element(inRow(key, row)), text);
  }

  /** Chooses an option of a select in a dynamic list's row (from 0). */
  void chooseInRow(String key, int row, String label) {
    chooseFrom(inRow(key, row), label);
  }

  /** Sets a date field of a dynamic list's row through its date picker (flatpickr), as a click on the calendar does. */
  void dateInRow(String key, int row, java.time.LocalDate date) {
    WebElement input = element(inRow(key, row) + "-date");
    js("arguments[0].scrollIntoView({block: 'center'});"
        + "arguments[0]._flatpickr.setDate(new Date(arguments[1], arguments[2] - 1, arguments[3]), true);",
        input, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    settle();
  }

  /** Types into a form-js field and leaves it, so the form takes the value (its text inputs debounce). */
  void type(String key, String text) {
    typeInto(field(key), text);
  }

  private void typeInto(WebElement input, String text) {
    js("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", input);
    input.sendKeys(text);
    input.sendKeys(Keys.TAB);
    settle();
  }

  /** form-js commits typed text after a short debounce (300 ms); give it that before the next move. */
  void settle() {
    new Actions(driver).pause(Duration.ofMillis(500)).perform();
  }

  void tick(String key) {
    WebElement box = field(key);
    if (!box.isSelected()) {
      js("arguments[0].click()", box);
    }
    settle();
  }

  /** A form-js select: open it and choose the option by its label. */
  void choose(String key, String label) {
    chooseFrom(key + "Field", label);
  }

  private void chooseFrom(String idEnd, String label) {
    By item = By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(text())='" + label + "']");
    WebElement display = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='-" + idEnd + "-display']")));
    js("arguments[0].scrollIntoView({block: 'center'});", display);
    for (int attempt = 0; attempt < 3 && driver.findElements(item).isEmpty(); attempt++) {
      js("['mousedown', 'mouseup', 'click'].forEach(t => arguments[0].dispatchEvent("
          + "new MouseEvent(t, {bubbles: true, cancelable: true, view: window})));", display);
      settle();
    }
    WebElement option = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(text())='" + label + "']")));
    js("arguments[0].scrollIntoView({block: 'center'});"
        + "['mousedown', 'mouseup', 'click'].forEach(t => arguments[0].dispatchEvent("
        + "new MouseEvent(t, {bubbles: true, cancelable: true, view: window})));", option);
    wait.until(d -> d.findElements(By.cssSelector(".fjs-dropdownlist-item")).isEmpty());
  }

  /** A form-js radio group: click the option's label. */
  void pick(String key, String label) {
    WebElement option = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//input[@type='radio' and contains(@id,'-" + key + "Field-')]/ancestor::label[normalize-space(.)='" + label + "']"
            + " | //label[normalize-space(.)='" + label + "' and contains(@for,'-" + key + "Field-')]")));
    js("arguments[0].click()", option);
    settle();
  }

  /** A form-js checklist: tick the option with this label. */
  void check(String key, String label) {
    WebElement option = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//input[@type='checkbox' and contains(@id,'-" + key + "Field-')]/ancestor::label[normalize-space(.)='" + label + "']"
            + " | //label[normalize-space(.)='" + label + "' and contains(@for,'-" + key + "Field-')]")));
    js("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", option);
    settle();
  }

  void press(String buttonText) {
    WebElement button = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(.)='" + buttonText + "' and not(@disabled)]")));
    js("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button);
  }

  void waitFor(String text) {
    wait.until(d -> d.getPageSource().contains(text));
  }

  /** Waits until the visible text of the page shows this (the task list loads after the task's form). */
  void waitForText(String text) {
    wait.until(d -> d.findElement(By.tagName("body")).getText().contains(text));
  }

  String page() {
    return driver.findElement(By.tagName("body")).getText();
  }

  String source() {
    return driver.getPageSource();
  }

  /** A request sent from the page, with its cookies and the webapps' CSRF token: the answer's status. */
  long fetchStatus(String method, String path) {
    Object status = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
        + "const xsrf = (document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1];"
        + "const headers = {'Accept': 'application/json'};"
        + "if (xsrf) { headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf); }"
        + "fetch(arguments[1], {method: arguments[0], credentials: 'same-origin', headers: headers, redirect: 'manual'})"
        + ".then(r => done(r.status), e => done(-1));", method, path);
    return ((Number) status).longValue();
  }

  /** A GET sent from the page, with its cookies: the answer's body. */
  String fetchBody(String path) {
    return (String) ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
        + "fetch(arguments[0], {credentials: 'same-origin', headers: {'Accept': 'application/json'}})"
        + ".then(r => r.text()).then(done, e => done('failed: ' + e));", path);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  void screenshot(String name) {
    try {
      Path dir = Path.of("target", "browser");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (Exception e) {
      throw new IllegalStateException("screenshot " + name, e);
    }
  }

  WebDriverWait waiting() {
    return wait;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
