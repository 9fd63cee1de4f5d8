package com.storewire.dataflow.forecast.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SafetyStockTest {

  /**
   * Chopra &amp; Meindl, Supply Chain Management: Strategy, Planning, and Operation, chapter
   * "Managing Uncertainty in a Supply Chain: Safety Inventory", the Dell example on the impact of
   * lead-time uncertainty: daily demand D = 2,500 PCs, σ_D = 500, lead time L = 7 days with s_L = 7
   * days, CSL 90 %. σ_L = √(7·500² + 2,500²·7²) = 17,550 and ss = F⁻¹(0.9)·17,550 = 22,491 PCs.
   */
  @Test
  void matchesChopraAndMeindlsDellExampleWithUncertainLeadTime() {
    SafetyStock stock = SafetyStock.of(2_500, 500, new LeadTime(7, 7), 0.90);

    assertThat(stock.units()).isCloseTo(22_491, within(1.0));
    assertThat(stock.reorderPoint()).isCloseTo(2_500 * 7 + 22_491, within(1.0));
  }

  /**
   * The same example with a certain lead time (s_L = 0), where the formula reduces to the textbook
   * ss = F⁻¹(CSL)·σ_D·√L = 1.2816·500·√7 = 1,695 PCs.
   */
  @Test
  void reducesToZSigmaRootLWhenTheLeadTimeIsCertain() {
    SafetyStock stock = SafetyStock.of(2_500, 500, new LeadTime(7, 0), 0.90);

    assertThat(stock.units()).isCloseTo(1_695, within(1.0));
    assertThat(stock.wholeUnits()).isEqualTo(1_696);
  }

  @Test
  void wholeUnitsRoundUp() {
    // z(0.95) = 1.6449; σ_LT = 2·√4 = 4; SS = 6.58; ROP = 3·4 + 6.58 = 18.58.
    SafetyStock stock = SafetyStock.of(3, 2, new LeadTime(4, 0), 0.95);

    assertThat(stock.units()).isCloseTo(6.5794, within(1e-3));
    assertThat(stock.wholeUnits()).isEqualTo(7);
    assertThat(stock.wholeReorderPoint()).isEqualTo(19);
  }

  @Test
  void refusesAServiceLevelOutsideZeroToOne() {
    assertThatThrownBy(() -> SafetyStock.of(1, 1, new LeadTime(1, 0), 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
